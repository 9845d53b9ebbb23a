<?php
// Prepended to a PHP driver run under Xdebug's function trace (call-truth/php.ts). At shutdown it
// writes, for every function and method declared under CGC_TRUTH_ROOT, where it is declared and the
// declarations it overrides or implements (a call typed by a base class or an interface names those
// statically), as JSON to CGC_TRUTH_DECLS. Its own calls are traced too, from this file, outside the
// project: not counted. (Stopping the trace here made Xdebug start the file again for the
// destructors that run after.)
register_shutdown_function(static function (): void {
    $root = rtrim((string) getenv('CGC_TRUTH_ROOT'), '/') . '/';
    $inRoot = static fn ($file): bool => is_string($file) && str_starts_with(realpath($file) ?: $file, $root);
    $at = static fn ($r): string => (realpath($r->getFileName()) ?: $r->getFileName()) . ':' . $r->getStartLine();
    $decls = [];
    foreach (get_defined_functions()['user'] as $name) {
        $f = new ReflectionFunction($name);
        if ($inRoot($f->getFileName())) {
            $decls[$f->getName()] = ['at' => $at($f), 'abstract' => false, 'bases' => []];
        }
    }
    $types = array_merge(get_declared_classes(), get_declared_interfaces(), get_declared_traits());
    foreach ($types as $type) {
        $c = new ReflectionClass($type);
        if (!$c->isUserDefined()) {
            continue;
        }
        $ancestors = [];
        for ($p = $c->getParentClass(); $p; $p = $p->getParentClass()) {
            $ancestors[] = $p;
        }
        foreach ($c->getInterfaces() as $i) {
            $ancestors[] = $i;
        }
        foreach ($c->getMethods() as $m) {
            // Xdebug names a method by the class that declares it (or uses the trait that does).
            if ($m->getDeclaringClass()->getName() !== $c->getName() || !$inRoot($m->getFileName())) {
                continue;
            }
            $bases = [];
            foreach ($ancestors as $a) {
                if (!$a->hasMethod($m->getName())) {
                    continue;
                }
                $b = $a->getMethod($m->getName());
                if ($b->getDeclaringClass()->getName() === $a->getName() && $inRoot($b->getFileName())) {
                    $bases[] = $at($b);
                }
            }
            $decls[$c->getName() . '::' . $m->getName()] = [
                'at' => $at($m),
                'abstract' => $m->isAbstract(),
                'bases' => array_values(array_unique($bases)),
            ];
        }
    }
    file_put_contents((string) getenv('CGC_TRUTH_DECLS'), json_encode($decls, JSON_UNESCAPED_SLASHES));
});
