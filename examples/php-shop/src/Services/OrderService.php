<?php

namespace Shop\Services;

use Shop\Domain\Discount;
use Shop\Domain\PriceRule;
use Shop\Support\Loggable;

class OrderService
{
    use Loggable;

    /** @var PriceRule[] */
    private array $rules;

    public function __construct()
    {
        $this->rules = [new Discount(0.1)];
    }

    public function total(array $prices): float
    {
        $sum = array_sum(array_map(fn (float $p) => $this->price($p), $prices));
        $this->log('total computed');
        return $sum;
    }

    private function price(float $p): float
    {
        foreach ($this->rules as $rule) {
            $p = $rule->apply($p);
        }
        return $p;
    }

    public function checkout(array $prices): string
    {
        try {
            $this->validate($prices);
        } catch (\InvalidArgumentException $e) {
            $this->log('rejected');
            return 'rejected';
        }
        return sprintf('%.2f', $this->total($prices));
    }

    private function validate(array $prices): void
    {
        if ($prices === []) {
            throw new \InvalidArgumentException('empty cart');
        }
    }

    public function unused(): void
    {
        $this->log('never runs');
    }
}
