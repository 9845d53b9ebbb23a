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
        $total = sprintf('%.2f', $this->total($prices));
        $this->emit('paid');
        return $total;
    }

    public function describeRules(): string
    {
        $out = [];
        foreach ($this->rules as $rule) {
            $out[] = $rule->describe();
        }
        return implode(', ', $out);
    }

    private function emit(string $event): void
    {
        // The handler's name is built at run time: no static analysis sees this call.
        $handler = 'on' . ucfirst($event);
        $this->$handler();
    }

    private function onPaid(): void
    {
        $this->log('paid');
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
