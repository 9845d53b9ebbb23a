<?php
require '/usr/share/php/Twig/autoload.php';
$loader = new \Twig\Loader\ArrayLoader([
  'base' => "<h1>{% block title %}T{% endblock %}</h1>{% block body %}{% endblock %}",
  'page' => "{% extends 'base' %}{% import _self as m %}{% macro item(x) %}<li>{{ x|upper }}</li>{% endmacro %}{% block title %}{{ title|default('none')|title }}{% endblock %}{% block body %}<ul>{% for i in items|filter(v => v > 1) %}{{ m.item(i) }}{% else %}empty{% endfor %}</ul>{{ include('part', {n: 3}) }}{% set s = items|map(v => v * 2)|join(',') %}{{ s }} {{ 'now'|date('Y') > 2000 ? 'y' : 'n' }}{% if title is defined and title starts with 'H' %}H{% endif %}{{ items|length }} {{ items|first }} {{ {a: 1}|json_encode|raw }}{% endblock %}",
  'part' => "{% for k in range(1, n) %}{{ loop.index }}{{ cycle(['a','b'], k) }}{% endfor %}{% apply spaceless %} <b> x </b> {% endapply %}",
]);
$twig = new \Twig\Environment($loader, ['autoescape' => 'html', 'strict_variables' => false]);
echo $twig->render('page', ['title' => 'Hello', 'items' => [1, 2, 3]]), "\n";
