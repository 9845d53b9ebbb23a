<?php

namespace Shop\Domain;

class Discount implements PriceRule
{
    public function __construct(private float $rate)
    {
    }

    public function apply(float $amount): float
    {
        return $amount * (1 - $this->rate);
    }
}
