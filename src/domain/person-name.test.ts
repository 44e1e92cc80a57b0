import { describe, expect, it } from 'vitest';
import { addressName, signatureName } from './person-name';

describe('addressing a person', () => {
  it('greets a teacher by name and patronymic, a student by first name', () => {
    expect(addressName('Петрова Анна Петровна', 'teacher')).toBe('Анна Петровна');
    expect(addressName('  Иванов   Иван Иванович ', 'student')).toBe('Иван');
    expect(addressName('Сидоров Пётр', 'student')).toBe('Пётр');
    expect(addressName('Алиев Руслан Тофик оглы', 'teacher')).toBe('Руслан Тофик оглы');
    expect(addressName('Смирнова Ольга Игоревна', 'other')).toBe('Ольга Игоревна');
  });

  it('signs with initials before the surname, as orders do', () => {
    expect(signatureName('Петров Пётр Петрович')).toBe('П.\u00a0П.\u00a0Петров');
    expect(signatureName('Иванова Анна')).toBe('А.\u00a0Иванова');
    expect(signatureName('Директор')).toBe('Директор');
    // A Turkic patronymic's «оглы» is not an initial; a double name has one for each part.
    expect(signatureName('Алиев Руслан Тофик оглы')).toBe('Р.\u00a0Т.\u00a0Алиев');
    expect(signatureName('Мамедова Айгюн Эльдар кызы')).toBe('А.\u00a0Э.\u00a0Мамедова');
    expect(signatureName('Ёлкина Анна-Мария Сергеевна')).toBe('А.-М.\u00a0С.\u00a0Ёлкина');
  });

  it('uses the whole name where name and patronymic cannot be told', () => {
    expect(addressName('Куратор программы', 'teacher')).toBe('Куратор программы');
    expect(addressName('Ward Anna', 'teacher')).toBe('Ward Anna');
    expect(addressName('Мадонна', 'other')).toBe('Мадонна');
    expect(addressName('', 'teacher')).toBe('');
  });
});
