<?php

namespace Shop\Domain;

class Discount extends Rule
{
    public function __construct(private float $rate)
    {
    }

    public function apply(float $amount): float
    {
        return $amount * (1 - $this->rate);
    }

    protected function label(): string
    {
        return sprintf('%d%%', $this->rate * 100);
    }
}
