// The strings of the first screens. As written here, all of them: the app's build keeps only those
// first-strings.ts names (scripts/vite/first-strings.ts rewrites this module), so that a bundler that
// does not know that step still gets every string it needs.
export { ru as first } from './ru';
