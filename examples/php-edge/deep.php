<?php

// A very deep stack: for the listener's size and depth limits.
function down(int $n): int
{
    return $n === 0 ? 0 : 1 + down($n - 1);
}

echo down((int) ($argv[1] ?? 3000)), "\n";
