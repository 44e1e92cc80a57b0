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
  });

  it('uses the whole name where name and patronymic cannot be told', () => {
    expect(addressName('Куратор программы', 'teacher')).toBe('Куратор программы');
    expect(addressName('Ward Anna', 'teacher')).toBe('Ward Anna');
    expect(addressName('Мадонна', 'other')).toBe('Мадонна');
    expect(addressName('', 'teacher')).toBe('');
  });
});
