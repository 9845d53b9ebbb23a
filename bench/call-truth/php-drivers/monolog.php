<?php
// Exercises monolog (Debian php-monolog): handlers, formatters, processors.
require '/usr/share/php/Monolog/autoload.php';

use Monolog\Formatter\{HtmlFormatter, JsonFormatter, LineFormatter, NormalizerFormatter};
use Monolog\Handler\{BufferHandler, DeduplicationHandler, FilterHandler, FingersCrossedHandler, GroupHandler, StreamHandler, TestHandler};
use Monolog\Logger;
use Monolog\Processor\{IntrospectionProcessor, MemoryUsageProcessor, PsrLogMessageProcessor, TagProcessor, UidProcessor};

$stream = new StreamHandler('php://memory', Logger::DEBUG);
$stream->setFormatter(new LineFormatter("[%datetime%] %channel%.%level_name%: %message% %context% %extra%\n", null, true, true));
$json = new StreamHandler('php://memory');
$json->setFormatter(new JsonFormatter());
$test = new TestHandler();
$test->setFormatter(new HtmlFormatter());
$log = new Logger('app', [new GroupHandler([$stream, $json]), new FingersCrossedHandler($test, Logger::ERROR), new BufferHandler(new FilterHandler(new TestHandler(), Logger::INFO, Logger::WARNING))]);
$log->pushProcessor(new PsrLogMessageProcessor());
$log->pushProcessor(new UidProcessor());
$log->pushProcessor(new IntrospectionProcessor());
$log->pushProcessor(new MemoryUsageProcessor());
$log->pushProcessor(new TagProcessor(['a' => 'b']));
$log->debug('debug {user}', ['user' => 'ann', 'obj' => new \DateTime('2020-01-01'), 'list' => [1, 2, 3]]);
$log->info('info', ['exception' => new \RuntimeException('boom', 3, new \LogicException('inner'))]);
$log->warning('warn');
$log->error('error {code}', ['code' => 42]);
$log->withName('other')->critical('crit');
$log->close();
echo count($test->getRecords()), ' ', $test->hasErrorThatContains('error') ? 'y' : 'n', "\n";
echo (new NormalizerFormatter())->format(['message' => 'x', 'context' => ['a' => [1, ['b' => 2]]], 'extra' => [], 'datetime' => new \DateTimeImmutable(), 'level' => 200, 'level_name' => 'INFO', 'channel' => 'c'])['message'], "\n";
