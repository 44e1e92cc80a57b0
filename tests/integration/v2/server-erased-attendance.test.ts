// The same suite over contract v2.
import { speakContract } from '../../support/contract-v2';

speakContract(2);
await import('../server-erased-attendance.test');
