export { type AidesStacks, addStacks } from './app.ts';
export { NAG } from './nag-suppressions.ts';
export { StatefulStack, type StatefulStackProps } from './stateful-stack.ts';
export { ACCESS, StatelessStack, type StatelessStackProps } from './stateless-stack.ts';
