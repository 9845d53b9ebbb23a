<?php
// Exercises doctrine/inflector (Debian php-doctrine-inflector) in every language it ships.
require '/usr/share/php/Doctrine/Inflector/autoload.php';

use Doctrine\Inflector\InflectorFactory;
use Doctrine\Inflector\Language;

foreach ([Language::ENGLISH, Language::FRENCH, Language::NORWEGIAN_BOKMAL, Language::PORTUGUESE, Language::SPANISH, Language::TURKISH] as $lang) {
    $i = InflectorFactory::createForLanguage($lang)->build();
    foreach (['person', 'child', 'bus', 'cheval', 'mann', 'avião', 'lápiz', 'kitap', 'Category', 'datum'] as $w) {
        echo $i->pluralize($w), ' ', $i->singularize($i->pluralize($w)), ' ';
    }
    echo $i->tableize('ModelName'), ' ', $i->classify('model_name'), ' ', $i->camelize('model_name'), ' ';
    echo $i->capitalize('top-o-the-morning to all_of_you!'), ' ', $i->seemsUtf8('ü') ? 'u' : 'a', ' ';
    echo $i->unaccent('Ärger über Öl'), ' ', $i->urlize('My first blog post'), "\n";
}
$custom = InflectorFactory::create()->withSingularRules(null)->withPluralRules(null)->build();
echo $custom->pluralize('octopus'), "\n";
