<?php
// Exercises league/commonmark (Debian php-league-commonmark) with the GitHub-flavoured extensions.
require '/usr/share/php/League/CommonMark/autoload.php';

use League\CommonMark\GithubFlavoredMarkdownConverter;
use League\CommonMark\CommonMarkConverter;

$md = <<<'MD'
# Title *with* `code`

Some **bold**, _em_, ~~strike~~, a [link](https://example.com "t") and <https://auto.link>, www.example.org.

> quote with a list:
> 1. one
> 2. two
>    - nested
>    - [x] done
>    - [ ] todo

| a | b |
|---|:-:|
| 1 | 2 |
| `x` | **y** |

```php
echo "fenced";
```

    indented code

Setext
------

<div>html block</div>

Footnote-like [ref][1] and ![img](i.png).

[1]: https://ref.example "Ref"
***
Line with trailing  
break and &amp; entities &copy; and a \* escape.
MD;
echo (new GithubFlavoredMarkdownConverter(['html_input' => 'escape', 'allow_unsafe_links' => false]))->convert($md), "\n";
echo (new CommonMarkConverter())->convert("plain *text*\n\n- a\n- b\n"), "\n";
