/** The tag of the artifacts that hold the embedded sample instruments. */
export const SAMPLE_TAG = 'sample';
