<?php

// Many small calls: for the benchmark (php busy.php <calls>).
namespace Bench;

class Counter
{
    private int $n = 0;

    public function add(int $x): void
    {
        $this->n += $x;
    }

    public function value(): int
    {
        return $this->n;
    }
}

function work(Counter $c, int $i): void
{
    $c->add($i & 1);
}

$c = new Counter();
$calls = (int) ($argv[1] ?? 1000);
for ($i = 0; $i < $calls; $i++) {
    work($c, $i);
}
echo $c->value(), "\n";
