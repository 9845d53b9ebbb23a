import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Prints, for every method call, constructor call, super(...) and this(...) in the Java files
 * under a directory, what javac resolves it to: one tab-separated line per call site,
 * "path:line  kind  target-path:line" (kind: project, abstract, library, unresolved).
 * Errors (missing dependencies) are tolerated: what javac could not attribute is unresolved.
 */
public final class CallTruth {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toRealPath();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    JavacTask task =
        (JavacTask)
            javac.getTask(
                null, fm, d -> {}, List.of("-proc:none", "-Xlint:none", "-encoding", "UTF-8"), null,
                fm.getJavaFileObjectsFromPaths(files));
    Iterable<? extends CompilationUnitTree> units = task.parse();
    task.analyze();
    Trees trees = Trees.instance(task);
    Elements elements = task.getElements();
    StringBuilder out = new StringBuilder();
    for (CompilationUnitTree cu : units) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
          record(getCurrentPath());
          return super.visitMethodInvocation(t, v);
        }

        @Override
        public Void visitNewClass(NewClassTree t, Void v) {
          record(getCurrentPath());
          return super.visitNewClass(t, v);
        }

        private void record(TreePath at) {
          String site = where(cu, at.getLeaf());
          Element e = trees.getElement(at);
          String kind;
          String target = "";
          if (!(e instanceof ExecutableElement)) kind = "unresolved";
          else {
            Element owner = e.getEnclosingElement();
            boolean implicit = elements.getOrigin(e) != Elements.Origin.EXPLICIT;
            TreePath decl = trees.getPath(implicit ? owner : e);
            if (decl == null || (implicit && owner.getSimpleName().isEmpty())) kind = "library";
            else {
              boolean bodiless =
                  e.getModifiers().contains(Modifier.ABSTRACT)
                      || (owner.getKind() == ElementKind.INTERFACE
                          && !e.getModifiers().contains(Modifier.DEFAULT)
                          && !e.getModifiers().contains(Modifier.STATIC));
              kind = bodiless ? "abstract" : "project";
              target = where(decl.getCompilationUnit(), decl.getLeaf());
            }
          }
          out.append(site).append('\t').append(kind).append('\t').append(target).append('\n');
        }

        private String where(CompilationUnitTree unit, Tree tree) {
          Tree at = tree;
          long pos = trees.getSourcePositions().getStartPosition(unit, at);
          if (at instanceof ClassTree c && !c.getModifiers().getAnnotations().isEmpty())
            pos = trees.getSourcePositions().getStartPosition(unit, c.getModifiers());
          Path file = Path.of(unit.getSourceFile().toUri());
          return root.relativize(file) + ":" + unit.getLineMap().getLineNumber(pos);
        }
      }.scan(cu, null);
    }
    System.out.print(out);
  }
}
