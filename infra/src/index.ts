export { type AidesStacks, addStacks } from './app.ts';
export { FUNCTIONS, type FunctionName } from './function-access.ts';
export { NAG } from './nag-suppressions.ts';
export { StatefulStack, type StatefulStackProps } from './stateful-stack.ts';
export { StatelessStack, type StatelessStackProps } from './stateless-stack.ts';
