/** The tasks both workers serve, by name, with their argument and result types. */
import type { heavyTasks } from './heavy-tasks';
import type { tasks } from './tasks';

export type Tasks = typeof tasks & typeof heavyTasks;
export type TaskName = keyof Tasks;
export type TaskArgs<K extends TaskName> = Parameters<Tasks[K]>[0];
export type TaskValue<K extends TaskName> = Awaited<ReturnType<Tasks[K]>>;
