// Templates the config tests share (core and CLI): written as a user would, positions matter.

/** A template with one function `hello`; `props` are more Properties lines (6 spaces in). Line 8 (1-based) is the first of them. */
export const oneFunction = (props: string, runtime = 'Node.js18.15') => `HcCrmTemplateVersion: v2
Resources:
  hello:
    Type: HC::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: ${runtime}
${props}
`;

/** Two functions sharing one code folder; billing has a Name besides its logical ID. `billingExtra` is more of billing's Properties (line 16 on). */
export const twoFunctions = (billingExtra = '') => `HcCrmTemplateVersion: v2
Resources:
  orders:
    Type: HC::Serverless::Function
    Properties:
      Handler: index.orders
      Runtime: Node.js18.15
      CodeUri: ./src
  billing:
    Type: HC::Serverless::Function
    Properties:
      Name: billing-fn
      Handler: index.billing
      Runtime: Node.js18.15
      CodeUri: ./src
${billingExtra}`;
