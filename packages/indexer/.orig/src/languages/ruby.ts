import type { Node } from 'web-tree-sitter';
import { field, fieldText, named, unquote } from '../extract/helpers.js';
import { tableLanguage } from './declarative.js';
import { COLONS } from './rust.js';

function params(n: Node | undefined) {
  return (n ? named(n) : []).flatMap((p) => {
    const name = p.type === 'identifier' ? p.text : fieldText(p, 'name');
    return name ? [{ name }] : [];
  });
}

/** Ruby: modules and classes (`A::B`), `#` instance and `.` singleton methods, require/include. */
export const ruby = tableLanguage({
  id: 'ruby',
  extensions: ['.rb', '.rake'],
  grammars: [
    { pkg: 'tree-sitter-ruby', file: 'tree-sitter-ruby.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-ruby.wasm' },
  ],
  style: COLONS,
  selfNames: ['self'],
  constructorNames: ['initialize'],
  complexity: [
    'if',
    'elsif',
    'unless',
    'while',
    'until',
    'for',
    'when',
    'rescue',
    'conditional',
    'if_modifier',
    'unless_modifier',
  ],
  classes: {
    class: (n) => ({
      name: fieldText(n, 'name') ?? '?',
      kind: 'class',
      bases: field(n, 'superclass')?.namedChildren.flatMap((c) => (c ? [c.text] : [])) ?? [],
    }),
    module: (n) => ({ name: fieldText(n, 'name') ?? '?', kind: 'module' }),
  },
  functions: {
    method: (n, b) => {
      const name = fieldText(n, 'name') ?? '?';
      const cls = b.currentClass;
      return {
        name,
        params: params(field(n, 'parameters')),
        ...(cls && !b.currentFunction ? { fqn: `${cls.fqn}#${name}` } : {}),
      };
    },
    singleton_method: (n, b) => {
      const name = fieldText(n, 'name') ?? '?';
      const cls = b.currentClass;
      return {
        name,
        isStatic: true,
        params: params(field(n, 'parameters')),
        ...(cls ? { fqn: `${cls.fqn}.${name}` } : {}),
      };
    },
  },
  calls: {
    call: (n, b) => {
      const method = fieldText(n, 'method') ?? '';
      const recv = field(n, 'receiver');
      const argc = field(n, 'arguments')?.namedChildCount;
      if (!recv && (method === 'include' || method === 'extend' || method === 'prepend')) {
        const cls = b.currentClass;
        if (cls)
          cls.mixins.push(
            ...(field(n, 'arguments')?.namedChildren ?? []).flatMap((a) => (a ? [a.text] : [])),
          );
        return undefined;
      }
      if (!recv && (method === 'require' || method === 'require_relative')) {
        const arg = field(n, 'arguments')?.namedChildren[0];
        if (arg)
          b.import({
            source: `${method === 'require_relative' ? './' : ''}${unquote(arg.text)}`,
            line: n.startPosition.row + 1,
            kind: 'import',
          });
        return undefined;
      }
      if (recv?.type === 'constant' && method === 'new') return { name: recv.text, form: 'new', argc };
      const receiver = recv?.type === 'instance_variable' ? `self.${recv.text.slice(1)}` : recv?.text;
      return receiver ? { name: method, receiver, form: 'call', argc } : { name: method, form: 'call', argc };
    },
  },
  typed: {
    assignment: (n, b) => {
      const left = field(n, 'left');
      const right = field(n, 'right');
      const recv = right?.type === 'call' ? field(right, 'receiver') : undefined;
      const t = recv?.type === 'constant' && fieldText(right!, 'method') === 'new' ? recv.text : undefined;
      if (left?.type === 'instance_variable' && t) {
        const cls = b.enclosingClass;
        if (cls) cls.fields[left.text.slice(1)] = t;
        return [];
      }
      return left?.type === 'identifier' ? [[left.text, t]] : [];
    },
  },
});
