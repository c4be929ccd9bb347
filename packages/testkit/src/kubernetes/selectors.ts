import type { KubernetesObject } from './objects.js';
import type { ResourceType } from './resources.js';
import { badRequest } from './status.js';

/** A compiled selector: whether an object matches. */
export type Selector = (object: KubernetesObject) => boolean;

/** Splits at `separator` outside backslash escapes, unescaping nothing. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\\' && i + 1 < text.length) {
      current += char + text[i + 1];
      i++;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

const unescapeValue = (text: string) => text.replace(/\\(.)/g, '$1');

/**
 * Compiles a `fieldSelector` (`a=b,c!=d`, `==` allowed, values escaped with `\`) against the fields the real API
 * server supports for `type`; an unsupported field is a 400 BadRequest like the real server's.
 */
export function fieldSelector(type: ResourceType, text: string | null): Selector {
  if (!text) return () => true;
  const terms = splitUnescaped(text, ',').map((term) => {
    const match = /^((?:[^=!\\]|\\.)+)(==|=|!=)((?:[^\\]|\\.)*)$/.exec(term);
    if (!match) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const [, key = '', operator, value = ''] = match;
    const read = type.fields[key.trim()];
    if (!read) throw badRequest(`field label not supported: ${key.trim()}`);
    const wanted = unescapeValue(value);
    return (object: KubernetesObject) => (read(object) === wanted) === (operator !== '!=');
  });
  return (object) => terms.every((term) => term(object));
}

const KEY = '[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?';
const VALUE = '([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?';
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`);
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const ORDER = new RegExp(`^(${KEY})\\s*(<|>)\\s*(-?\\d+)$`);

/** Splits a label selector at the commas between requirements (not those inside `in (a,b)`). */
function requirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current.trim());
  return parts;
}

/** Compiles a `labelSelector`: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`. */
export function labelSelector(text: string | null): Selector {
  if (!text?.trim()) return () => true;
  const tests = requirements(text).map((requirement): Selector => {
    const labelsOf = (object: KubernetesObject) => object.metadata?.labels ?? {};
    let match = EQUALITY.exec(requirement);
    if (match) {
      const key = match[1] as string;
      const operator = match[3];
      const value = match[4] ?? '';
      return (object) => (labelsOf(object)[key] === value) === (operator !== '!=');
    }
    match = SET.exec(requirement);
    if (match) {
      const key = match[1] as string;
      const notIn = match[3] === 'notin';
      const values = (match[4] ?? '').split(',').map((value) => value.trim());
      return (object) => {
        const label = labelsOf(object)[key];
        return notIn
          ? label === undefined || !values.includes(label)
          : label !== undefined && values.includes(label);
      };
    }
    match = ORDER.exec(requirement);
    if (match) {
      const key = match[1] as string;
      const greater = match[3] === '>';
      const bound = Number(match[4]);
      return (object) => {
        const label = labelsOf(object)[key];
        if (label === undefined || !/^-?\d+$/.test(label)) return false;
        return greater ? Number(label) > bound : Number(label) < bound;
      };
    }
    match = EXISTS.exec(requirement);
    if (match) {
      const negated = match[1] === '!';
      const key = match[2] as string;
      return (object) => (labelsOf(object)[key] !== undefined) !== negated;
    }
    throw badRequest(`unable to parse requirement: '${requirement}' in label selector '${text}'`);
  });
  return (object) => tests.every((test) => test(object));
}
