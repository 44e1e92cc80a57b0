// The strings of the first screens' mentee part (first-strings.ts). As written here, all of them: the
// app's build keeps only that part (scripts/vite/first-strings.ts rewrites this module), so that a
// bundler that does not know that step still gets every string it needs.
export { ru as strings } from './ru';
