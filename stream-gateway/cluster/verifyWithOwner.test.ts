import { describe, expect, it } from 'vitest';
import { parseWhoami } from './verifyWithOwner';

describe('parseWhoami', () => {
  it('takes the owner answer as a principal, wall binding included', () => {
    expect(parseWhoami({ id: 'tok-1', role: 'wall', label: 'hall-1 screens', wall: 'hall-1' })).toEqual({
      id: 'tok-1',
      role: 'wall',
      label: 'hall-1 screens',
      wall: 'hall-1',
    });
  });
  it.each([
    null,
    'x',
    { id: 'a', label: 'b' },
    { id: 'a', role: 'root', label: 'b' },
    { id: 1, role: 'wall', label: 'b' },
  ])('refuses %j', (body) => expect(parseWhoami(body)).toBeNull());
});
