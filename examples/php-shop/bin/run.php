<?php

// Entry script of the fixture: exercises namespaces, interfaces, inheritance,
// traits, static calls, closures, recursion, exceptions and a dynamic call.
// Usage: php bin/run.php [loops]

require __DIR__ . '/../src/Domain/PriceRule.php';
require __DIR__ . '/../src/Domain/Rule.php';
require __DIR__ . '/../src/Domain/Discount.php';
require __DIR__ . '/../src/Support/Str.php';
require __DIR__ . '/../src/Support/Loggable.php';
require __DIR__ . '/../src/Support/helpers.php';
require __DIR__ . '/../src/Services/OrderService.php';

use Shop\Services\OrderService;
use function Shop\Support\factorial;

function main(int $loops): void
{
    $service = new OrderService();
    for ($i = 0; $i < $loops; $i++) {
        $service->checkout([10.0, 20.0]);
        $service->checkout([]);
    }
    echo factorial(5), "\n";
    $twice = factorial(2) + factorial(3); // two calls from one statement
    assert($twice === 8);
    echo $service->describeRules(), "\n";
    echo count($service->lines()), "\n";
}

main((int) ($argv[1] ?? 1));
