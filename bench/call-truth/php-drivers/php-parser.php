<?php
// Exercises nikic/php-parser (Debian php-parser): parse, resolve names, traverse, pretty-print, dump, build.
require '/usr/share/php/PhpParser/autoload.php';

use PhpParser\{BuilderFactory, NodeDumper, NodeFinder, NodeTraverser, ParserFactory, PrettyPrinter};
use PhpParser\Node;
use PhpParser\NodeVisitor\NameResolver;
use PhpParser\NodeVisitorAbstract;

$parser = (new ParserFactory())->create(ParserFactory::PREFER_PHP7);
$printer = new PrettyPrinter\Standard();
$dumper = new NodeDumper(['dumpComments' => true, 'dumpPositions' => true]);
$finder = new NodeFinder();
$counter = new class extends NodeVisitorAbstract {
    public int $calls = 0;
    public function enterNode(Node $node) {
        if ($node instanceof Node\Expr\MethodCall) $this->calls++;
        return null;
    }
};
foreach (['NodeTraverser.php', 'PrettyPrinter/Standard.php', 'Lexer/Emulative.php', 'BuilderFactory.php'] as $f) {
    $code = file_get_contents('/usr/share/php/PhpParser/' . $f);
    $ast = $parser->parse($code);
    $t = new NodeTraverser();
    $t->addVisitor(new NameResolver());
    $t->addVisitor($counter);
    $ast = $t->traverse($ast);
    $classes = $finder->findInstanceOf($ast, Node\Stmt\Class_::class);
    $out = $printer->prettyPrintFile($ast);
    echo $f, ': ', strlen($out), ' bytes, ', count($classes), " classes\n";
}
echo strlen($dumper->dump($parser->parse('<?php /** doc */ function f(int $a = 1, ...$b): ?string { return $a <=> $b[0] ?? null; }'))), "\n";
$factory = new BuilderFactory();
$node = $factory->namespace('Name\Space')
    ->addStmt($factory->use('Some\Other\Thingy')->as('SomeClass'))
    ->addStmt($factory->class('SomeOtherClass')
        ->extend('SomeClass')
        ->implement('A\Few', '\Interfaces')
        ->makeAbstract()
        ->addStmt($factory->method('someMethod')->makePublic()->makeAbstract()->setReturnType('bool')
            ->addParam($factory->param('someParam')->setType('SomeClass')))
        ->addStmt($factory->method('anotherMethod')->makeProtected()
            ->addParam($factory->param('someParam')->setDefault('test'))
            ->addStmt(new Node\Stmt\Echo_([new Node\Expr\Variable('someParam')])))
        ->addStmt($factory->property('someProperty')->makeProtected())
        ->addStmt($factory->property('anotherProperty')->makePrivate()->setDefault([1, 2, 3])))
    ->getNode();
echo $printer->prettyPrintFile([$node]), "\n", $counter->calls, "\n";
