// Command calltruth prints, for every call in the Go packages under a directory, what go/types
// resolves it to: one tab-separated line per call site, "path:line  kind  target-path:line"
// (kind: project, abstract, library, unresolved), and a "#file  path" line for each file read.
// Packages are loaded with go/build for this
// GOOS/GOARCH (build tags apply); imports are type-checked from source. Test files are left out.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	root, err := filepath.Abs(os.Args[1])
	if err != nil {
		panic(err)
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	inside := func(p string) bool { return strings.HasPrefix(p, root+string(filepath.Separator)) }
	where := func(p token.Pos) string {
		// Where the declaration is in the .go file, not where a `//line` directive maps it (Ragel's .rl).
		pos := fset.PositionFor(p, false)
		rel, _ := filepath.Rel(root, pos.Filename)
		return fmt.Sprintf("%s:%d", filepath.ToSlash(rel), pos.Line)
	}
	_ = filepath.WalkDir(root, func(dir string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || d.Name() == "testdata" {
			if d != nil && d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		pkg, err := build.Default.ImportDir(dir, 0)
		if err != nil || len(pkg.GoFiles) == 0 {
			return nil
		}
		var files []*ast.File
		for _, name := range pkg.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
			if err == nil {
				files = append(files, f)
			}
		}
		info := &types.Info{
			Uses:       map[*ast.Ident]types.Object{},
			Defs:       map[*ast.Ident]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
		}
		conf := types.Config{Importer: imp, Error: func(error) {}}
		_, _ = conf.Check(pkg.ImportPath, fset, files, info)
		// `run := func() {…}` then `run()`: the literal is what runs.
		literals := map[types.Object]*ast.FuncLit{}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
					if lit, ok := as.Rhs[0].(*ast.FuncLit); ok {
						if id, ok := as.Lhs[0].(*ast.Ident); ok && info.Defs[id] != nil {
							literals[info.Defs[id]] = lit
						}
					}
				}
				return true
			})
		}
		for _, f := range files {
			fmt.Fprintf(out, "#file\t%s\n", where(f.Pos())[:strings.LastIndex(where(f.Pos()), ":")])
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				var obj types.Object
				switch fun := ast.Unparen(call.Fun).(type) {
				case *ast.Ident:
					obj = info.Uses[fun]
				case *ast.SelectorExpr:
					if sel := info.Selections[fun]; sel != nil {
						obj = sel.Obj()
					} else {
						obj = info.Uses[fun.Sel]
					}
				case *ast.IndexExpr: // generic instantiation f[T](...), pkg.F[T](...), x.M[T](...)
					obj = instantiated(info, fun.X)
				case *ast.IndexListExpr: // f[K, V](...)
					obj = instantiated(info, fun.X)
				}
				kind, target := "unresolved", ""
				if lit := literals[obj]; lit != nil {
					kind, target = "project", where(lit.Pos())
				} else if fn, ok := obj.(*types.Func); ok {
					fn = fn.Origin()
					sig := fn.Type().(*types.Signature)
					switch {
					case !inside(fset.PositionFor(fn.Pos(), false).Filename):
						kind = "library"
					case sig.Recv() != nil && types.IsInterface(sig.Recv().Type()):
						kind, target = "abstract", where(fn.Pos())
					default:
						kind, target = "project", where(fn.Pos())
					}
				}
				fmt.Fprintf(out, "%s\t%s\t%s\n", where(call.Pos()), kind, target)
				return true
			})
		}
		return nil
	})
}

// instantiated is the function a generic instantiation's operand names (f, pkg.F), or nil.
func instantiated(info *types.Info, x ast.Expr) types.Object {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return info.Uses[x]
	case *ast.SelectorExpr:
		if sel := info.Selections[x]; sel != nil {
			return sel.Obj()
		}
		return info.Uses[x.Sel]
	}
	return nil
}
