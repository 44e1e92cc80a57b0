// English, loaded only when a user switches to it: its strings are not part of what every phone
// loads when the app opens.
export { en as dictionary } from './en';
