import { describe, expect, test } from 'vitest';
import {
  messageOrigin,
  NOTES_TAG,
  notesUrl,
  readNotesMessage,
  targetOrigin,
} from '../../src/app/presenter/notes-protocol.ts';
import { presenterKeyAction } from '../../src/app/presenter/presenter-keys.ts';

const key = (k: string, target: EventTarget | null = document.body, extra = {}) => ({
  key: k,
  target,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  defaultPrevented: false,
  ...extra,
});

describe('presenter keys', () => {
  test.each([
    ['PageDown', 'next'],
    ['ArrowDown', 'next'],
    ['PageUp', 'previous'],
    ['ArrowUp', 'previous'],
    ['.', 'blank'],
    ['b', 'blank'],
    ['B', 'blank'],
    ['Escape', 'exit'],
    ['p', 'presenter'],
    ['S', 'notes'],
  ])('%s while presenting: %s', (k, action) => {
    expect(presenterKeyAction(key(k), true)).toBe(action);
  });

  test('outside presenter mode only P and S mean something; page keys scroll as usual', () => {
    expect(presenterKeyAction(key('PageDown'), false)).toBeNull();
    expect(presenterKeyAction(key('.'), false)).toBeNull();
    expect(presenterKeyAction(key('P'), false)).toBe('presenter');
    expect(presenterKeyAction(key('s'), false)).toBe('notes');
  });

  test('typing in a field or a modified key is left alone; a slider still takes page keys', () => {
    const field = document.createElement('textarea');
    expect(presenterKeyAction(key('p', field), false)).toBeNull();
    expect(presenterKeyAction(key('PageDown', field), true)).toBeNull();
    expect(presenterKeyAction(key('p', document.body, { ctrlKey: true }), false)).toBeNull();
    const slider = document.createElement('input');
    slider.type = 'range';
    expect(presenterKeyAction(key('PageDown', slider), true)).toBe('next');
    expect(presenterKeyAction(key('p', slider), true)).toBeNull();
  });
});

describe('speaker-notes messages', () => {
  const opener = {} as MessageEventSource;
  const hello = { tag: NOTES_TAG, type: 'hello' };

  test('accepted only from the same origin, the expected window, in a known shape', () => {
    const from = (origin: string, source: MessageEventSource | null, data: unknown) =>
      readNotesMessage({ origin, source, data }, 'null', (s) => s === opener);
    expect(from('null', opener, hello)).toEqual(hello);
    expect(from('https://evil.example', opener, hello)).toBeNull();
    expect(from('null', {} as MessageEventSource, hello)).toBeNull();
    expect(from('null', opener, { ...hello, tag: 'other' })).toBeNull();
    expect(from('null', opener, { tag: NOTES_TAG, type: 'command', command: 'rm -rf' })).toBeNull();
    expect(from('null', opener, { tag: NOTES_TAG, type: 'command', command: 'next' })).toEqual({
      tag: NOTES_TAG,
      type: 'command',
      command: 'next',
    });
  });

  test('a page opened from disk is the origin "null" and sends to "*"', () => {
    expect(messageOrigin({ protocol: 'file:', origin: 'file://' })).toBe('null');
    expect(messageOrigin({ protocol: 'https:', origin: 'https://a.b' })).toBe('https://a.b');
    expect(targetOrigin('null')).toBe('*');
    expect(targetOrigin('https://a.b')).toBe('https://a.b');
  });

  test('the notes window is the same page with ?notes and no hash', () => {
    expect(notesUrl('file:///x/lab.html?embed#/sandbox?s=a&step=2')).toBe(
      'file:///x/lab.html?notes',
    );
    expect(notesUrl('https://a.b/lab/index.html#/')).toBe('https://a.b/lab/index.html?notes');
  });
});
