import { describe, expect, it } from 'vitest';
import { byGender, genitiveOf } from './name-cases';

describe('names in documents', () => {
  it('puts «Фамилия Имя Отчество» in the genitive and knows the gender', () => {
    expect(genitiveOf('Иванов Иван Иванович')).toEqual({ name: 'Иванова Ивана Ивановича', gender: 'male' });
    expect(genitiveOf('Петрова Анна Сергеевна')).toEqual({
      name: 'Петровой Анны Сергеевны',
      gender: 'female',
    });
    expect(genitiveOf('Смирнов Олег').name).toBe('Смирнова Олега');
  });

  it('agrees a word with the gender, or gives both forms', () => {
    expect(byGender('male', 'его', 'её')).toBe('его');
    expect(byGender('female', 'его', 'её')).toBe('её');
    expect(byGender(null, 'его', 'её')).toBe('его (её)');
  });
});
