// The legal representative a person's contacts name, as the import writes them («<heading>: <value>»
// parts joined by «; », import-people.ts): offered on the consent form a minor's parent signs, so that a
// curator recording a class's consents does not type again each name the class list already gave.

/** A heading about a parent or guardian; one about how to reach them names them only with «ФИО». */
const ABOUT_PARENT = /представител|родител|опекун|мать|матер|мама|мамы|отец|отца|папа|папы/i;
const HOW_TO_REACH = /телефон|тел\.|почт|e-?mail|адрес/i;
/** Two to four words of letters: a name, not a phone or a note. */
const NAME = /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё.'’-]*(\s+[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё.'’-]*){1,3}$/;

/**
 * The name of the first parent or representative in `contacts` («Законный представитель: Иванова Мария
 * Петровна, +7 912…» → «Иванова Мария Петровна»), or null when none is named there.
 */
export function representativeIn(contacts: string | null | undefined): string | null {
  for (const part of contacts?.split('; ') ?? []) {
    const colon = part.indexOf(': ');
    if (colon < 0) continue;
    const heading = part.slice(0, colon);
    const name = part
      .slice(colon + 2)
      .split(/[,;(]/)[0]
      ?.trim();
    const isAboutName = /фио|имя/i.test(heading) || !HOW_TO_REACH.test(heading);
    if (name && ABOUT_PARENT.test(heading) && isAboutName && NAME.test(name)) return name;
  }
  return null;
}
