<?php

namespace Shop\Domain;

abstract class Rule implements PriceRule
{
    public function describe(): string
    {
        // Dispatches to the subclass: statically this calls Rule::label.
        return static::class . ' ' . $this->label();
    }

    abstract protected function label(): string;
}
