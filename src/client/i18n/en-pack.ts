// English, loaded only when a user switches to it: its strings are not part of what every phone
// loads when the app opens.
export { BUILTIN_TEXTS_EN as builtinTexts } from './builtin-texts-en';
export { en as dictionary } from './en';
