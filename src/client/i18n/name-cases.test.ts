import { describe, expect, it } from 'vitest';
import { byGender, genitiveOf } from './name-cases';

describe('names in documents', () => {
  it('puts «Фамилия Имя Отчество» in the genitive and knows the gender', () => {
    expect(genitiveOf('Иванов Иван Иванович')).toEqual({ name: 'Иванова Ивана Ивановича', gender: 'male' });
    expect(genitiveOf('Петрова Анна Сергеевна')).toEqual({
      name: 'Петровой Анны Сергеевны',
      gender: 'female',
    });
    expect(genitiveOf('Смирнов Олег')).toEqual({ name: 'Смирнова Олега', gender: 'male' });
    expect(genitiveOf('Иванова Анна')).toEqual({ name: 'Ивановой Анны', gender: 'female' });
    expect(genitiveOf('  Кузьмина   Нина Ильинична ')).toEqual({
      name: 'Кузьминой Нины Ильиничны',
      gender: 'female',
    });
  });

  it('prints a name as typed rather than with a surname the library garbles', () => {
    // lvovich drops the «е» of every «-ец»: «Швца Ивана Петровича», «Стрелца Олега».
    expect(genitiveOf('Швец Иван Петрович')).toEqual({ name: 'Швец Иван Петрович', gender: 'male' });
    expect(genitiveOf('Стрелец Олег')).toEqual({ name: 'Стрелец Олег', gender: 'male' });
    // Endings the library replaces, and a double surname, are declined as before.
    expect(genitiveOf('Гоголь Николай Васильевич').name).toBe('Гоголя Николая Васильевича');
    expect(genitiveOf('Толстой Лев Николаевич').name).toBe('Толстого Льва Николаевича');
    expect(genitiveOf('Петров-Водкин Кузьма Сергеевич').name).toBe('Петрова-Водкина Кузьмы Сергеевича');
    expect(genitiveOf('Швец Анна Петровна')).toEqual({ name: 'Швец Анны Петровны', gender: 'female' });
  });

  it('keeps a name typed in capitals in capitals, endings too', () => {
    // lvovich adds its endings in small letters: «ИВАНОВа ИВАНа ИВАНОВИЧа».
    expect(genitiveOf('ИВАНОВ ИВАН ИВАНОВИЧ')).toEqual({ name: 'ИВАНОВА ИВАНА ИВАНОВИЧА', gender: 'male' });
    expect(genitiveOf('ПЕТРОВА-СИДОРОВА Анна Сергеевна')).toEqual({
      name: 'ПЕТРОВОЙ-СИДОРОВОЙ Анны Сергеевны',
      gender: 'female',
    });
    expect(genitiveOf('СМИРНОВ Олег')).toEqual({ name: 'СМИРНОВА Олега', gender: 'male' });
  });

  it('lets the patronymic settle the gender where the library does not know the first name', () => {
    expect(genitiveOf('Белая Любовь Петровна')).toEqual({ name: 'Белой Любови Петровны', gender: 'female' });
    expect(genitiveOf('Белый Любомир Петрович').gender).toBe('male');
    expect(genitiveOf('Гусь Саша Ильинична')).toEqual({ name: 'Гусь Саши Ильиничны', gender: 'female' });
  });

  it('takes the gender from the surname when the first name is unknown, and declines a foreign surname', () => {
    expect(genitiveOf('Белая Любовь')).toEqual({ name: 'Белой Любови', gender: 'female' });
    expect(genitiveOf('Ким Анна')).toEqual({ name: 'Ким Анны', gender: 'female' });
  });

  it('declines a hyphenated double surname part by part', () => {
    expect(genitiveOf('Петрова-Сидорова Мария')).toEqual({
      name: 'Петровой-Сидоровой Марии',
      gender: 'female',
    });
    expect(genitiveOf('Петров-Водкин Кузьма Сергеевич')).toEqual({
      name: 'Петрова-Водкина Кузьмы Сергеевича',
      gender: 'male',
    });
  });

  it('leaves as typed a double surname written with a space, with the gender the words agree on', () => {
    expect(genitiveOf('Петрова Сидорова Мария')).toEqual({
      name: 'Петрова Сидорова Мария',
      gender: 'female',
    });
    expect(genitiveOf('Петрова Сидорова Мария Ивановна')).toEqual({
      name: 'Петрова Сидорова Мария Ивановна',
      gender: 'female',
    });
  });

  it('leaves as typed a name written first name first', () => {
    expect(genitiveOf('Павел Иванов')).toEqual({ name: 'Павел Иванов', gender: 'male' });
    expect(genitiveOf('Павел Иванович Сидоров')).toEqual({ name: 'Павел Иванович Сидоров', gender: 'male' });
  });

  it('leaves as typed two words whose gender is unknown, and a single word', () => {
    expect(genitiveOf('Ким Саша')).toEqual({ name: 'Ким Саша', gender: null });
    expect(genitiveOf('Иванова')).toEqual({ name: 'Иванова', gender: 'female' });
    expect(genitiveOf('')).toEqual({ name: '', gender: null });
  });

  it('keeps the fleeting vowel of a surname, so the nominative can be read back', () => {
    // lvovich gives «Заяца»; Грамота.ру advises keeping the vowel in surnames (Заец → Заеца).
    expect(genitiveOf('Заяц Иван Петрович')).toEqual({ name: 'Заяца Ивана Петровича', gender: 'male' });
    expect(genitiveOf('Заяц Анна')).toEqual({ name: 'Заяц Анны', gender: 'female' });
  });

  it('agrees a word with the gender, or gives both forms', () => {
    expect(byGender('male', 'его', 'её')).toBe('его');
    expect(byGender('female', 'его', 'её')).toBe('её');
    expect(byGender(null, 'его', 'её')).toBe('его (её)');
  });
});
