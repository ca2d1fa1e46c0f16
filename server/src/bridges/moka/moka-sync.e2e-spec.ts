import { mokaSyncCases } from '../../test/moka-sync.cases';

describe('Moka bridge: HR staff and companies pushed through the database outbox', () => mokaSyncCases({}));
