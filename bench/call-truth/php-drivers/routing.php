<?php
// Exercises symfony/routing (Debian php-symfony-routing): a collection, matching, URL generation, compiled dumps.
require '/usr/share/php/Symfony/Component/Routing/autoload.php';

use Symfony\Component\Routing\{RequestContext, Route, RouteCollection};
use Symfony\Component\Routing\Generator\UrlGenerator;
use Symfony\Component\Routing\Matcher\UrlMatcher;
use Symfony\Component\Routing\Matcher\CompiledUrlMatcher;
use Symfony\Component\Routing\Matcher\Dumper\CompiledUrlMatcherDumper;
use Symfony\Component\Routing\Generator\Dumper\CompiledUrlGeneratorDumper;

$routes = new RouteCollection();
$routes->add('home', new Route('/'));
$routes->add('post', new Route('/blog/{slug}', ['_controller' => 'x'], ['slug' => '[a-z0-9-]+'], [], '', ['https'], ['GET']));
$routes->add('page', new Route('/page/{n}', ['n' => 1], ['n' => '\d+']));
$routes->add('host', new Route('/h', [], [], [], '{sub}.example.com'));
$api = new RouteCollection();
$api->add('api_item', new Route('/items/{id}.{_format}', ['_format' => 'json'], ['id' => '\d+', '_format' => 'json|xml']));
$api->addPrefix('/api');
$api->addDefaults(['_api' => true]);
$routes->addCollection($api);
$context = new RequestContext('', 'GET', 'www.example.com', 'https');
$matcher = new UrlMatcher($routes, $context);
foreach (['/', '/blog/hello-world', '/page/3', '/api/items/7.xml', '/api/items/8'] as $path) {
    echo json_encode($matcher->match($path)), "\n";
}
try { $matcher->match('/nope'); } catch (\Exception $e) { echo get_class($e), "\n"; }
$gen = new UrlGenerator($routes, $context);
echo $gen->generate('post', ['slug' => 'a-b', 'q' => 1], UrlGenerator::ABSOLUTE_URL), ' ', $gen->generate('page'), "\n";
$compiled = (new CompiledUrlMatcherDumper($routes))->getCompiledRoutes();
echo json_encode((new CompiledUrlMatcher($compiled, $context))->match('/page/9')), "\n";
echo count((new CompiledUrlGeneratorDumper($routes))->getCompiledRoutes()), "\n";
