<?php

namespace Shop\Support;

final class Str
{
    public static function upper(string $s): string
    {
        return strtoupper($s);
    }
}
