import { App } from 'aws-cdk-lib';
import { addStacks } from '../src/app.ts';

const app = new App();
addStacks(app);
app.synth();
