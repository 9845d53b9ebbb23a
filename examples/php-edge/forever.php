<?php

// Never ends: for the listener's per-session time limit.
function spin(int $i): int
{
    return $i + 1;
}

$i = 0;
while (true) {
    $i = spin($i);
}
