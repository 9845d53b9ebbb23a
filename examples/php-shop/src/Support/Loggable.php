<?php

namespace Shop\Support;

trait Loggable
{
    private array $lines = [];

    public function log(string $message): void
    {
        $this->lines[] = Str::upper($message);
    }

    public function lines(): array
    {
        return $this->lines;
    }
}
