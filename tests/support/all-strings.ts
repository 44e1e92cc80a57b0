// Every string of the app before any test runs, as the app has them before any screen but the first.
import { loadAllStrings } from '../../src/client/i18n/i18n';

await loadAllStrings();
