import { ReferenceDictionaries1795356700000 } from '../1795356700000-reference-dictionaries';
import { LowerCaseAdminUsernames1796216125464 } from '../1796216125464-lower-case-admin-usernames';
import { InitialSchema1795356678187 } from './1795356678187-initial-schema';
import { BackOfficeAndSigning1795475263813 } from './1795475263813-back-office-and-signing';
import { Bridges1795477266159 } from './1795477266159-bridges';
import { CompanySeal1796300000100 } from './1796300000100-company-seal';
import { CompanyCertificate1796300000200 } from './1796300000200-company-certificate';
import { EventChain1796300000300 } from './1796300000300-event-chain';
import { TwoPartyContractDocument1796300000400 } from './1796300000400-two-party-contract-document';
import { EventTimeIndex1796310000100 } from './1796310000100-event-time-index';

/** SQLite migrations, oldest first. */
export const SQLITE_MIGRATIONS = [
  InitialSchema1795356678187,
  ReferenceDictionaries1795356700000,
  BackOfficeAndSigning1795475263813,
  Bridges1795477266159,
  LowerCaseAdminUsernames1796216125464,
  CompanySeal1796300000100,
  CompanyCertificate1796300000200,
  EventChain1796300000300,
  TwoPartyContractDocument1796300000400,
  EventTimeIndex1796310000100,
];
