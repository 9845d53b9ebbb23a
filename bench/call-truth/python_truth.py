"""Jedi's targets for every call in the Python files under a root, one per line:
"path:line<TAB>kind<TAB>target-path:line" (paths relative to the root).

kind: project (a function or class of the project; a class counts as its __init__, its own or
inherited, when the project defines one), abstract (an @abstractmethod, or a body of only `...`,
`pass` or `raise NotImplementedError`), library (anything outside the root), unresolved.
An @overload signature counts as the implementation that follows it.
"""
import ast
import os
import sys

import jedi
import jedi.inference.gradual.typeshed as jedi_typeshed

# Jedi ships Django's stubs and prefers them to Django's own code: scoring Django itself, they
# would send every inherited call to where the stub declares it.
jedi_typeshed.DJANGO_INIT_PATH = jedi_typeshed.DJANGO_INIT_PATH.with_name('missing.pyi')

root = os.path.realpath(sys.argv[1])
SKIP = {'.git', 'node_modules', '__pycache__', '.venv', 'venv', 'build', 'dist', '.tox'}


def py_files():
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in SKIP and not x.endswith('.dist-info'))
        for f in sorted(files):
            if f.endswith('.py'):
                yield os.path.join(d, f)


def decorator_names(fn):
    out = set()
    for dec in fn.decorator_list:
        node = dec.func if isinstance(dec, ast.Call) else dec
        if isinstance(node, ast.Attribute):
            out.add(node.attr)
        elif isinstance(node, ast.Name):
            out.add(node.id)
    return out


def is_stub(fn):
    body = [s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str))]
    if not body:
        return True
    if len(body) != 1:
        return False
    s = body[0]
    if isinstance(s, ast.Pass):
        return True
    if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and s.value.value is Ellipsis:
        return True
    if isinstance(s, ast.Raise) and s.exc is not None:
        exc = s.exc.func if isinstance(s.exc, ast.Call) else s.exc
        return isinstance(exc, ast.Name) and exc.id == 'NotImplementedError'
    return False


# (path, def line) -> 'abstract' | 'overload:<implementation line>' | 'function' | 'lambda' (`f = lambda …`)
defs = {}
trees = {}
for path in py_files():
    try:
        with open(path, encoding='utf-8') as fh:
            tree = ast.parse(fh.read(), filename=path)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        continue
    trees[path] = tree
    for scope in ast.walk(tree):
        if isinstance(scope, ast.Assign) and isinstance(scope.value, ast.Lambda):
            defs[(path, scope.lineno)] = 'lambda'
        body = getattr(scope, 'body', None)
        if not isinstance(body, list):
            continue
        fns = [s for s in body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for i, fn in enumerate(fns):
            decs = decorator_names(fn)
            if 'overload' in decs:
                impl = next((g for g in fns[i + 1:] if g.name == fn.name and 'overload' not in decorator_names(g)), None)
                defs[(path, fn.lineno)] = f'overload:{impl.lineno}' if impl else 'abstract'
            elif 'abstractmethod' in decs or (isinstance(scope, ast.ClassDef) and is_stub(fn)):
                defs[(path, fn.lineno)] = 'abstract'
            else:
                defs[(path, fn.lineno)] = 'function'

# The folder imports start from: above the root's package (`from . import types` in
# click/core.py is click/types.py, not the standard library's `types`).
top = root
while os.path.exists(os.path.join(top, '__init__.py')):
    top = os.path.dirname(top)
project = jedi.Project(top)

# Dotted name -> (path, line) of every class and function of the project: Jedi ships stubs for
# some packages (Django's), and answers with the stub when the project is that package.
qualnames = {}
for path, tree in trees.items():
    mod = os.path.relpath(path, top)[:-3].replace(os.sep, '.')
    if mod.endswith('.__init__'):
        mod = mod[:-9]

    def collect(body, prefix, path=path):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qualnames.setdefault(f'{prefix}.{node.name}', (path, node.lineno))
                if isinstance(node, ast.ClassDef):
                    collect(node.body, f'{prefix}.{node.name}')

    collect(tree.body, mod)
rel = lambda p: os.path.relpath(p, root)
out = sys.stdout


def inside(p):
    return p is not None and os.path.realpath(str(p)).startswith(root + os.sep)


def target_of(d):
    """(kind, target) of one Jedi definition."""
    path = d.module_path
    # A stub, another installed copy of the project (pytest's own `_pytest` in site-packages) or no
    # file at all (a class with a `typing.MutableMapping[…]` base): the project's definition of that name.
    if not inside(path) and d.full_name in qualnames and (d.type in ('class', 'function') or str(path).endswith('.pyi')):
        path, line = qualnames[d.full_name]
        if d.type == 'class':
            init = qualnames.get(f'{d.full_name}.__init__')
            return 'project', f'{rel(init[0] if init else path)}:{init[1] if init else line}'
        what = defs.get((path, line), 'function')
        if what.startswith('overload:'):
            return 'project', f'{rel(path)}:{what[9:]}'
        return ('abstract' if what == 'abstract' else 'project'), f'{rel(path)}:{line}'
    if not inside(path):
        return 'library', None
    path = os.path.realpath(str(path))
    if d.type == 'class':
        try:
            for v in d._name.infer():
                for fv in v.py__getattribute__('__init__'):
                    tn = getattr(fv, 'tree_node', None)
                    f = fv.get_root_context().py__file__()
                    if tn is not None and tn.type == 'funcdef' and inside(f):
                        return 'project', f'{rel(os.path.realpath(str(f)))}:{tn.start_pos[0]}'
        except Exception:
            pass
        return 'project', f'{rel(path)}:{d.line}'
    if d.type == 'function':
        line = d.line
        what = defs.get((path, line), 'function')
        if what.startswith('overload:'):
            return 'project', f'{rel(path)}:{what[9:]}'
        return ('abstract' if what == 'abstract' else 'project'), f'{rel(path)}:{line}'
    if d.type == 'statement' and defs.get((path, d.line)) == 'lambda':
        return 'project', f'{rel(path)}:{d.line}'
    return 'unresolved', None


for path, tree in trees.items():
    script = jedi.Script(path=path, project=project)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        site = f'{rel(path)}:{node.lineno}'
        f = node.func
        if isinstance(f, ast.Name):
            pos = (f.lineno, f.col_offset)
        elif isinstance(f, ast.Attribute) and f.end_lineno is not None:
            pos = (f.end_lineno, f.end_col_offset - len(f.attr))
        else:
            out.write(f'{site}\tunresolved\t\n')
            continue
        try:
            found = script.goto(*pos, follow_imports=True)
            if not found:
                # Jedi stops executing functions after a per-Script budget (its
                # total_function_execution_limit), so late calls of a long file come back empty:
                # ask again from a fresh Script.
                found = jedi.Script(path=path, project=project).goto(*pos, follow_imports=True)
        except Exception:
            found = []
        seen = set()
        for d in found:
            kind, target = target_of(d)
            if (kind, target) in seen:
                continue
            seen.add((kind, target))
            out.write(f'{site}\t{kind}\t{target or ""}\n')
        if not seen:
            out.write(f'{site}\tunresolved\t\n')
