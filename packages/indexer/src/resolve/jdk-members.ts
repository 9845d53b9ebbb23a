// Methods of JDK types a project's classes and interfaces often extend (JDK 21, SequencedCollection's
// included: more names only leave more calls unresolved).
const OBJECT = ['equals', 'hashCode', 'toString'];
const ITERABLE = ['iterator', 'forEach', 'spliterator'];
const COLLECTION = [
  ...OBJECT,
  ...ITERABLE,
  'size',
  'isEmpty',
  'contains',
  'toArray',
  'add',
  'remove',
  'containsAll',
  'addAll',
  'removeAll',
  'removeIf',
  'retainAll',
  'clear',
  'stream',
  'parallelStream',
];
const SEQUENCED = ['addFirst', 'addLast', 'getFirst', 'getLast', 'removeFirst', 'removeLast', 'reversed'];
const LIST = [
  ...COLLECTION,
  ...SEQUENCED,
  'get',
  'set',
  'indexOf',
  'lastIndexOf',
  'listIterator',
  'subList',
  'replaceAll',
  'sort',
];
const SORTED_SET = [
  ...COLLECTION,
  ...SEQUENCED,
  'comparator',
  'subSet',
  'headSet',
  'tailSet',
  'first',
  'last',
];
const NAVIGABLE_SET = [
  ...SORTED_SET,
  'lower',
  'floor',
  'ceiling',
  'higher',
  'pollFirst',
  'pollLast',
  'descendingSet',
  'descendingIterator',
];
const QUEUE = [...COLLECTION, 'offer', 'poll', 'element', 'peek'];
const DEQUE = [
  ...QUEUE,
  ...SEQUENCED,
  'offerFirst',
  'offerLast',
  'pollFirst',
  'pollLast',
  'peekFirst',
  'peekLast',
  'removeFirstOccurrence',
  'removeLastOccurrence',
  'push',
  'pop',
  'descendingIterator',
];
const MAP = [
  ...OBJECT,
  'size',
  'isEmpty',
  'containsKey',
  'containsValue',
  'get',
  'put',
  'remove',
  'putAll',
  'clear',
  'keySet',
  'values',
  'entrySet',
  'getOrDefault',
  'forEach',
  'replaceAll',
  'putIfAbsent',
  'replace',
  'computeIfAbsent',
  'computeIfPresent',
  'compute',
  'merge',
];
const SORTED_MAP = [
  ...MAP,
  'comparator',
  'subMap',
  'headMap',
  'tailMap',
  'firstKey',
  'lastKey',
  'firstEntry',
  'lastEntry',
  'pollFirstEntry',
  'pollLastEntry',
  'putFirst',
  'putLast',
  'reversed',
  'sequencedKeySet',
  'sequencedValues',
  'sequencedEntrySet',
];
const NAVIGABLE_MAP = [
  ...SORTED_MAP,
  'lowerEntry',
  'lowerKey',
  'floorEntry',
  'floorKey',
  'ceilingEntry',
  'ceilingKey',
  'higherEntry',
  'higherKey',
  'descendingMap',
  'navigableKeySet',
  'descendingKeySet',
];
const ITERATOR = ['hasNext', 'next', 'remove', 'forEachRemaining'];
const BLOCKING_QUEUE = [...QUEUE, 'put', 'take', 'remainingCapacity', 'drainTo'];

/**
 * The methods of JDK types a project's types often extend, by simple name: a call of any other name
 * through such a type is not the library's. Types not listed may declare anything.
 */
const JDK_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  Serializable: [],
  Cloneable: [],
  RandomAccess: [],
  EventListener: [],
  Comparable: ['compareTo'],
  Iterable: ITERABLE,
  Runnable: ['run'],
  Comparator: [
    ...OBJECT,
    'compare',
    'reversed',
    'thenComparing',
    'thenComparingInt',
    'thenComparingLong',
    'thenComparingDouble',
  ],
  Callable: ['call'],
  AutoCloseable: ['close'],
  Closeable: ['close'],
  Flushable: ['flush'],
  Supplier: ['get'],
  Enum: [...OBJECT, 'name', 'ordinal', 'compareTo', 'getDeclaringClass', 'describeConstable', 'valueOf'],
  Collection: COLLECTION,
  AbstractCollection: COLLECTION,
  Set: COLLECTION,
  AbstractSet: COLLECTION,
  List: LIST,
  AbstractList: [...LIST, 'removeRange'],
  SortedSet: SORTED_SET,
  NavigableSet: NAVIGABLE_SET,
  Queue: QUEUE,
  AbstractQueue: QUEUE,
  Deque: DEQUE,
  BlockingQueue: BLOCKING_QUEUE,
  BlockingDeque: [...DEQUE, ...BLOCKING_QUEUE, 'putFirst', 'putLast', 'takeFirst', 'takeLast'],
  TransferQueue: [
    ...BLOCKING_QUEUE,
    'tryTransfer',
    'transfer',
    'hasWaitingConsumer',
    'getWaitingConsumerCount',
  ],
  Map: MAP,
  ConcurrentMap: MAP,
  AbstractMap: [...MAP, 'clone'],
  SortedMap: SORTED_MAP,
  NavigableMap: NAVIGABLE_MAP,
  Number: [...OBJECT, 'intValue', 'longValue', 'floatValue', 'doubleValue', 'byteValue', 'shortValue'],
  Iterator: ITERATOR,
  ListIterator: [...ITERATOR, 'hasPrevious', 'previous', 'nextIndex', 'previousIndex', 'set', 'add'],
  Entry: [...OBJECT, 'getKey', 'getValue', 'setValue'],
  Appendable: ['append'],
  Readable: ['read'],
  FileFilter: ['accept'],
  FilenameFilter: ['accept'],
  PathMatcher: ['matches'],
  FileVisitor: ['preVisitDirectory', 'visitFile', 'visitFileFailed', 'postVisitDirectory'],
  Predicate: ['test', 'and', 'negate', 'or', 'not', 'isEqual'],
  BiPredicate: ['test', 'and', 'negate', 'or'],
  Function: ['apply', 'andThen', 'compose', 'identity'],
  UnaryOperator: ['apply', 'andThen', 'compose', 'identity'],
  BiFunction: ['apply', 'andThen'],
  BinaryOperator: ['apply', 'andThen', 'minBy', 'maxBy'],
  Consumer: ['accept', 'andThen'],
  BiConsumer: ['accept', 'andThen'],
  CharSequence: [...OBJECT, 'length', 'charAt', 'isEmpty', 'subSequence', 'chars', 'codePoints'],
};

/**
 * Whether a library type `type` may declare a method `name`: `type` as its file's imports name it
 * (`java.util.Map`; simple when not imported by name). A listed simple name imported from outside
 * the JDK is another type, which may declare anything.
 */
export function mayDeclare(type: string, name: string): boolean {
  if (type.includes('.') && !type.startsWith('java.')) return true;
  const members = JDK_MEMBERS[type.slice(type.lastIndexOf('.') + 1)];
  return members === undefined || members.includes(name);
}
