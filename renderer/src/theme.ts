/**
 * The Mantine theme: calm, legible numbers (tabular figures) for a finance desk, and contrast
 * that passes WCAG AA in both schemes (F17). Contrast is fixed here, once, not per component:
 * filled colours use shade 9 (white text ≥ 4.5:1), and the dimmed, link and coloured-text
 * variables are darker in the light scheme and lighter in the dark one than Mantine's defaults.
 */
import { createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: 'sm',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  // The keyboard's focus is always visible; the pointer's is not drawn (it would flash on every click).
  focusRing: 'auto',
  // Animations and transitions follow the system's "reduce motion" setting.
  respectReducedMotion: true,
  components: {
    // A row highlights under the pointer only where it opens something (see ClickableRow).
    Table: { defaultProps: { verticalSpacing: 'xs', highlightOnHover: false } },
    Modal: { defaultProps: { centered: true } },
    // Links inside sentences must not rely on colour alone.
    Anchor: { defaultProps: { underline: 'always' } },
  },
});

/** Colours whose "text" and "light" variants need a darker (light scheme) or lighter (dark scheme) tone. */
const COLOURS = ['red', 'teal', 'green', 'blue', 'indigo', 'grape', 'violet', 'cyan', 'pink', 'lime', 'gray'];

export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    '--mantine-color-anchor': t.colors.indigo[9]!,
    '--mantine-color-placeholder': t.colors.gray[6]!,
    // A field's error message and its invalid value (Mantine's red 6 is only 3.3:1 on white).
    '--mantine-color-error': t.colors.red[9]!,
    '--mantine-color-orange-text': '#a63a0a',
    '--mantine-color-yellow-text': '#8a5300',
    '--mantine-color-orange-light-color': '#8f3207',
    '--mantine-color-yellow-light-color': '#7a4a00',
  };
  const dark: Record<string, string> = {
    '--mantine-color-dimmed': t.colors.dark[1]!,
    '--mantine-color-anchor': t.colors.indigo[2]!,
    '--mantine-color-placeholder': t.colors.dark[2]!,
    '--mantine-color-error': t.colors.red[3]!,
    '--mantine-color-orange-text': t.colors.orange[3]!,
    '--mantine-color-yellow-text': t.colors.yellow[3]!,
  };
  for (const c of [...COLOURS, 'orange', 'yellow']) {
    // Badges and alerts in the "light" variant: the palest tint behind dark text.
    light[`--mantine-color-${c}-light`] = t.colors[c]![0]!;
  }
  Object.assign(light, {
    '--mantine-color-teal-light-color': '#05664a',
    '--mantine-color-green-light-color': '#1d6a2e',
    '--mantine-color-lime-light-color': '#3d6206',
    '--mantine-color-cyan-light-color': '#08606f',
  });
  for (const c of COLOURS) {
    light[`--mantine-color-${c}-text`] = t.colors[c]![9]!;
    dark[`--mantine-color-${c}-text`] = t.colors[c]![3]!;
    dark[`--mantine-color-${c}-light-color`] = t.colors[c]![1]!;
  }
  return { variables: {}, light, dark };
};
