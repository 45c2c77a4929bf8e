HcCrmTemplateVersion: v2
Resources:
  {{name}}:
    Type: HC::Serverless::Function
    Properties:
      Name: {{name}}
      Description: {{description}}
      Handler: {{handler}}
      Runtime: {{runtime}}
      CodeUri: ./
      MemorySize: {{memory}}
      Timeout: {{timeout}}
