<?php

namespace Shop\Domain;

interface PriceRule
{
    public function apply(float $amount): float;
}
