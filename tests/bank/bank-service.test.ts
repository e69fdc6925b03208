/** The bank service on SQLite and on PostgreSQL (one throw-away cluster for this file). */
import { describe } from 'vitest';
import { describeWithPostgres } from '../support/pg-cluster';
import { bankServiceSuite } from './bank-service.suite';
import { postgresLedger, sqliteLedger } from './engines';

describe('bank service on SQLite', () => bankServiceSuite(sqliteLedger));
describeWithPostgres('bank service on PostgreSQL', (cluster) => bankServiceSuite(() => postgresLedger(cluster())));
