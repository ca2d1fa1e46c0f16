import { mokaSyncCases } from '../../test/moka-sync.cases';

jest.setTimeout(90_000);

describe('Moka bridge: HR staff and companies pushed through the database outbox', () => mokaSyncCases({}));
