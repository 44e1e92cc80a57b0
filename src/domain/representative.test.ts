import { expect, it } from 'vitest';
import { representativeIn } from './representative';

it('finds the parent a class list named in the contacts, not their phone or a note', () => {
  expect(representativeIn('Законный представитель: Иванова Мария Петровна; Телефон: +7 912 345-67-89')).toBe(
    'Иванова Мария Петровна',
  );
  expect(
    representativeIn('Телефон: +7 912 345-67-89; ФИО матери: Петрова Анна Ивановна, +7 900 000-00-00'),
  ).toBe('Петрова Анна Ивановна');
  expect(representativeIn('Законный представитель (ФИО, телефон): Сидорова Ольга, 8 (912) 345-67-89')).toBe(
    'Сидорова Ольга',
  );
  expect(representativeIn('Телефон матери: +7 912 345-67-89')).toBeNull();
  expect(representativeIn('Родители: звонить после 18:00')).toBeNull();
  expect(representativeIn('+7 912 345-67-89')).toBeNull();
  expect(representativeIn(null)).toBeNull();
});
