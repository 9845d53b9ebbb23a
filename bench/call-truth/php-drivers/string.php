<?php
// Exercises symfony/string (Debian php-symfony-string): unicode, byte and code point strings, the inflector.
require '/usr/share/php/Symfony/Component/String/autoload.php';

use Symfony\Component\String\Inflector\EnglishInflector;
use function Symfony\Component\String\{b, u, s};

$u = u('  Hello Wörld, ça va? ');
echo $u->trim()->lower()->camel()->title(true), ' ', $u->trim()->snake(), ' ', $u->length(), ' ', $u->width(), "\n";
echo u('déjà vu')->ascii(), ' ', u('abc')->padBoth(9, '*'), ' ', u('a,b,,c')->split(',')[1], ' ', u('x')->repeat(3), "\n";
echo u('Lorem ipsum dolor sit amet')->truncate(10, '…'), ' ', u('Lorem ipsum dolor')->wordwrap(6, "\n", true), "\n";
echo u('hello')->indexOf('l'), ' ', u('hello')->replaceMatches('/l+/', 'L'), ' ', u('hello')->startsWith(['he', 'x']) ? 'y' : 'n', "\n";
echo b('bytes')->toUnicodeString()->upper(), ' ', s('ﬁ')->normalize()->folded(), ' ', u('é')->codePointsAt(0)[0], "\n";

$inf = new EnglishInflector();
echo implode(',', $inf->pluralize('analysis')), ' ', implode(',', $inf->singularize('indices')), "\n";
echo u('abc')->join(['x', 'y']), "\n";
