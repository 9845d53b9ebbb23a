<?php
// Exercises symfony/yaml (Debian php-symfony-yaml): parse, dump, inline, tags, references.
require '/usr/share/php/Symfony/Component/Yaml/autoload.php';

use Symfony\Component\Yaml\{Yaml, Dumper, Parser, Inline};

$doc = <<<'YAML'
# a comment
defaults: &defaults
  adapter: postgres
  host: localhost
  ports: [5432, 5433]
development:
  <<: *defaults
  database: dev
  flags: {a: true, b: ~, c: 1.5e3, d: 0x1F, e: 2001-12-14}
text: |
  literal
  block
folded: >
  folded
  text
list:
  - one
  - "two"
  - 'three'
  - { key: value }
  - [nested, list]
tagged: !php/const PHP_INT_MAX
multi: "line \t escaped \u263A"
YAML;
$data = Yaml::parse($doc, Yaml::PARSE_CONSTANT | Yaml::PARSE_DATETIME);
echo Yaml::dump($data, 4, 2, Yaml::DUMP_MULTI_LINE_LITERAL_BLOCK | Yaml::DUMP_OBJECT_AS_MAP), "\n";
echo (new Dumper(4))->dump(['a' => ['b' => ['c' => [1, 2]]], 'x' => null, 'y' => "multi\nline"], 1), "\n";
echo Inline::dump(['k' => [1, 'two', true, null, 1.5]]), "\n";
var_dump((new Parser())->parse("- 1\n- [a, {b: c}]\n- !!str 3\n"));
