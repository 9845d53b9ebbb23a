<?php
// Exercises masterminds/html5 (Debian php-masterminds-html5): parse a document and a fragment, serialize.
require '/usr/share/php/Masterminds/HTML5/autoload.php';

use Masterminds\HTML5;

$html = <<<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>T &amp; t</title>
<style>p { color: red }</style><script>if (a < b) { x(); }</script></head>
<body class="x"><!-- comment --><h1 id=main>Hi</h1><p>One<br>two &copy; <b><i>nested</b></i>
<table><tr><td>1<td>2</tr></table><ul><li>a<li>b</ul><svg viewBox="0 0 1 1"><circle r="1"/></svg>
<math><mi>x</mi></math><template><span>t</span></template><textarea>raw <b></textarea>
<select><option selected>o</select><img src="i.png" alt=""><input disabled value='v'>
</body></html>
HTML;
$h5 = new HTML5(['disable_html_ns' => false]);
$dom = $h5->loadHTML($html);
echo strlen($h5->saveHTML($dom)), ' ', count($h5->getErrors()), "\n";
$frag = $h5->loadHTMLFragment('<p>frag <a href="x">link</a></p><p>second');
echo $h5->saveHTML($frag), "\n";
