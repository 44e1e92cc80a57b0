// The same suite over contract v2: every sync call goes to /api/v2/sync in the compact form, and the
// answers, completed where v2 sent changed fields only, must satisfy every v1 assertion.
import { speakContract } from '../../support/contract-v2';

speakContract(2);
await import('../server-backup.test');
